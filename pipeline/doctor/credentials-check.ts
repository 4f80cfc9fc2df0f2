/**
 * `credentials`: Application Default Credentials are found and loadable, and which identity they
 * are. Loading them makes no token request (a key file, a gcloud user login or a Workload
 * Identity Federation config is read locally; only the metadata server is asked over the network,
 * under the doctor's time limit), so an empty environment fails fast with a hint.
 */
import type { Storage } from '@google-cloud/storage';
import { firstLine, ok, problem, type CheckResult } from './check.ts';

/** google-auth-library's GoogleAuth, as the Google clients hold it. */
export type GoogleAuthLike = Storage['authClient'];

/** Who the credentials act as, e.g. `deployer@proj.iam.gserviceaccount.com (service account key)`. */
export interface CredentialsInfo { identity: string; projectId: string | undefined }

const KINDS: Record<string, string> = {
  JWT: 'service account key',
  UserRefreshClient: 'user login, `gcloud auth application-default login`',
  Compute: 'metadata server',
  Impersonated: 'impersonated service account',
  IdentityPoolClient: 'Workload Identity Federation',
  AwsClient: 'Workload Identity Federation',
  PluggableAuthClient: 'Workload Identity Federation',
  ExternalAccountAuthorizedUserClient: 'workforce identity',
};

/** Loads the credentials the clients would use and names their identity; throws when there are none. */
export async function describeCredentials(auth: GoogleAuthLike): Promise<CredentialsInfo> {
  const client = await auth.getClient();
  const kind = KINDS[client.constructor.name] ?? client.constructor.name;
  const credentials = await auth.getCredentials().catch(() => ({}) as { client_email?: string });
  const impersonated = (client as { getServiceAccountEmail?: () => string | null }).getServiceAccountEmail?.() ?? undefined;
  const email = credentials.client_email ?? impersonated;
  const projectId = await auth.getProjectId().catch(() => undefined);
  return { identity: email ? `${email} (${kind})` : kind, projectId: projectId ?? undefined };
}

export const CREDENTIALS_HINT = 'On a workstation run `gcloud auth application-default login`; in GitHub Actions run google-github-actions/auth (Workload Identity Federation) before this step; or point GOOGLE_APPLICATION_CREDENTIALS at a credentials file (docs/operations.md)';

export async function checkCredentials(auth: GoogleAuthLike): Promise<CheckResult> {
  try {
    const info = await describeCredentials(auth);
    return ok('credentials', `Application Default Credentials: ${info.identity}${info.projectId ? `, project ${info.projectId}` : ''}`);
  } catch (error) {
    return problem('fail', 'credentials', 'CredentialsNotFound', `no usable Application Default Credentials (${firstLine(error)})`, CREDENTIALS_HINT);
  }
}

/**
 * Errors with permanent codes.
 *
 * Every failure the build can report is an `ExportError` whose `code` comes from the
 * catalogue below (codes are permanent: they appear in logs, docs and CI summaries). Stages
 * wrap foreign errors with `{ cause }`, collect per-job failures and throw one
 * `BuildFailedError`. The CLI prints the chain once and sets the exit code.
 */

export type Stage = 'config' | 'plan' | 'query' | 'render' | 'validate' | 'write' | 'publish' | 'seed' | 'preview' | 'live' | 'doctor';

interface ErrorCodeInfo { stage: Stage; title: string }

/** The catalogue of permanent error codes. Never rename or reuse a code. */
export const ERROR_CODES = {
  InvalidOption: { stage: 'config', title: 'An option has an invalid value' },
  UnknownExporter: { stage: 'config', title: '`--only` names an exporter that does not exist' },
  WarehouseNotFound: { stage: 'config', title: 'The warehouse file or dataset does not exist' },
  DuplicateExporterId: { stage: 'plan', title: 'Two exporters share an id' },
  PathCollision: { stage: 'plan', title: 'Two jobs would write the same output path, or a build would replace a live path another endpoint owns' },
  UnfilledPlaceholder: { stage: 'plan', title: 'A path template placeholder has no parameter value' },
  UnsafePathSegment: { stage: 'plan', title: 'A value that becomes part of a path is not a safe slug' },
  InvalidParams: { stage: 'plan', title: 'An exporter returned invalid parameter sets' },
  LiveNightExcluded: { stage: 'plan', title: "A live build's dates leave out the live night, so it would build no live file" },
  ReservedSlug: { stage: 'plan', title: 'A value that becomes part of a path would fill its template to a static path another endpoint or alias owns' },
  TooManyFiles: { stage: 'plan', title: 'The build would write more files than `--max-files` allows' },
  QueryFailed: { stage: 'query', title: 'A warehouse query failed' },
  QueryTimeout: { stage: 'query', title: 'A warehouse query did not finish within the job timeout' },
  BytesBilledExceeded: { stage: 'query', title: 'A BigQuery query would bill more bytes than `maximumBytesBilled` allows' },
  WarehouseUnavailable: { stage: 'query', title: 'The warehouse kept failing with transient errors after every retry' },
  WarehouseAccessDenied: { stage: 'query', title: 'The warehouse refused the credentials (missing IAM role or dataset access)' },
  UnsafeInteger: { stage: 'query', title: "A warehouse integer is outside JavaScript's safe range" },
  SqlCheckFailed: { stage: 'query', title: 'A rendered exporter query uses syntax the target engine does not accept' },
  InvalidConfigFile: { stage: 'config', title: 'The config file is not valid JSON of the expected shape' },
  BadWarehouseRow: { stage: 'query', title: 'A warehouse row has a bad value' },
  DuplicateRowKey: { stage: 'query', title: 'Two warehouse rows share a key that must be unique' },
  StringTooLong: { stage: 'query', title: 'A warehouse row holds a string longer than `--max-string-chars` allows' },
  RenderFailed: { stage: 'render', title: 'An exporter threw while rendering' },
  SchemaValidationFailed: { stage: 'validate', title: 'A payload does not match its JSON Schema' },
  SchemaNotFound: { stage: 'validate', title: 'An exporter names a schema that does not exist' },
  SerializationFailed: { stage: 'write', title: 'A payload cannot be serialised deterministically' },
  WriteFailed: { stage: 'write', title: 'Writing the output tree failed' },
  FileTooLarge: { stage: 'write', title: 'A serialised file is bigger than `--max-file-bytes` allows' },
  BuildFailed: { stage: 'write', title: 'One or more jobs failed; nothing was written' },
  SeedFailed: { stage: 'seed', title: 'Generating the sample warehouse failed' },
  PreviewFailed: { stage: 'preview', title: 'The preview server could not start' },
  NoBuildFound: { stage: 'preview', title: 'There is no build to serve' },
  PublishConflict: { stage: 'publish', title: 'Another publisher changed the release first' },
  DeleteCapExceeded: { stage: 'publish', title: 'The publish would delete more stable files than `--max-deletes` allows' },
  StoreRequestFailed: { stage: 'publish', title: 'An object-store request failed after bounded retries' },
  StorePreconditionFailed: { stage: 'publish', title: 'An object changed since it was read (generation precondition failed)' },
  StoreObjectNotFound: { stage: 'publish', title: 'An object the publish needs does not exist in the bucket' },
  InvalidReleaseManifest: { stage: 'publish', title: 'The release manifest in the bucket cannot be read' },
  BuildTreeMismatch: { stage: 'publish', title: 'A build file does not match its manifest entry' },
  BuildNotPublishable: { stage: 'publish', title: 'The build had failing jobs and `--allow-partial` was not given' },
  ReservedPath: { stage: 'publish', title: 'A build lists a path the publisher reserves for itself' },
  ReleaseNotKept: { stage: 'publish', title: 'The build to roll back to is no longer kept in the bucket' },
  NoBuildToPublish: { stage: 'publish', title: 'There is no build in the output directory to publish' },
  InvalidBuildId: { stage: 'publish', title: 'A build id is not of the form a build writes (`<as-of>-<trigger>-<8 hex>`)' },
  DuplicatePath: { stage: 'publish', title: 'A build manifest lists one path more than once' },
  UnsafeTreeFile: { stage: 'publish', title: 'A file of the build tree is not a regular file inside the tree (a symlink, a directory, a device)' },
  InvalidReleaseRecord: { stage: 'publish', title: 'A release record in the bucket (`builds/<id>/release.json`) is malformed or lists paths outside its place' },
  StoreOperationUnsupported: { stage: 'publish', title: 'The storage endpoint does not implement an operation the publisher needs (HTTP 501)' },
  LiveFeedUnavailable: { stage: 'live', title: 'The live feed kept failing (timeouts, HTTP 429 or 5xx, dropped connections) after every retry' },
  LiveFeedRejected: { stage: 'live', title: 'The live feed refused the request (HTTP 4xx: API key, plan or URL)' },
  LiveFeedMalformed: { stage: 'live', title: 'The live feed answered with malformed or truncated JSON, or an unexpected shape' },
  LiveFeedIncomplete: { stage: 'live', title: 'The live feed lists none of the games the schedule says have started' },
  SchemaBaselineNotFound: { stage: 'config', title: '`schema diff --against` names neither a directory nor a git ref' },
  BreakingSchemaChange: { stage: 'validate', title: 'The schemas break the released contract and the API version was not bumped' },
  CredentialsNotFound: { stage: 'doctor', title: 'No Application Default Credentials were found (or they cannot be loaded)' },
  DatasetLocationMismatch: { stage: 'doctor', title: 'A warehouse dataset is in another location than the query jobs run in' },
  WarehouseTableMissing: { stage: 'doctor', title: 'A table the exporters read does not exist in the warehouse' },
  WarehouseColumnMissing: { stage: 'doctor', title: 'A column the exporters read does not exist in its warehouse table' },
  WarehouseColumnType: { stage: 'doctor', title: 'A column the exporters read has a type the build cannot read' },
  PartitionExpiration: { stage: 'doctor', title: 'A table the exporters read drops partitions older than its partition expiration' },
  PartitionFilterMissing: { stage: 'doctor', title: 'A table requires a partition filter that an exporter query does not give' },
  BucketNotFound: { stage: 'doctor', title: 'The bucket does not exist' },
  BucketAccessDenied: { stage: 'doctor', title: "The credentials may not read the bucket's settings or IAM policy" },
  BucketLocation: { stage: 'doctor', title: 'The bucket is in another location than the warehouse' },
  BucketSettingMismatch: { stage: 'doctor', title: 'A bucket setting (uniform access, CORS, lifecycle) differs from what `bucket-config` sets' },
  BucketNotPublic: { stage: 'doctor', title: 'The public cannot read the bucket objects' },
  BucketPublicWrite: { stage: 'doctor', title: 'The public holds a bucket role above reading objects' },
  BucketWriteDenied: { stage: 'doctor', title: 'The credentials may not write (or delete) objects in the bucket' },
  DoctorCheckFailed: { stage: 'doctor', title: 'A doctor check could not complete (an unexpected answer or a timeout)' },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ExportErrorOptions {
  exporterId?: string;
  outputPath?: string;
  hint?: string;
  cause?: unknown;
}

export class ExportError extends Error {
  readonly code: ErrorCode;
  readonly stage: Stage;
  readonly exporterId: string | undefined;
  readonly outputPath: string | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: ExportErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.stage = ERROR_CODES[code].stage;
    this.exporterId = options.exporterId;
    this.outputPath = options.outputPath;
    this.hint = options.hint;
  }
}

export class ConfigError extends ExportError {}
export class PlanError extends ExportError {}
export class QueryError extends ExportError {}
export class RenderError extends ExportError {}
export class WriteError extends ExportError {}
export class SeedError extends ExportError {}
/** Live feed failures: the build fails the live endpoints and keeps their last good files. */
export class LiveFeedError extends ExportError {}
/** The schema diff found a change that breaks consumers of the released schemas. */
export class SchemaDiffError extends ExportError {}
/** Publish (sync) stage failures: object-store requests, conflicts, caps, release manifests. */
export class PublishError extends ExportError {}

export interface SchemaIssue { instancePath: string; message: string }

export class SchemaValidationError extends ExportError {
  readonly issues: readonly SchemaIssue[];
  constructor(message: string, issues: readonly SchemaIssue[], options: ExportErrorOptions = {}) {
    super('SchemaValidationFailed', message, options);
    this.issues = issues;
  }
}

/** Thrown once per build with every collected job failure. */
export class BuildFailedError extends ExportError {
  readonly failures: readonly ExportError[];
  constructor(failures: readonly ExportError[], summary: string) {
    super('BuildFailed', summary, { hint: 'Fix the causes listed above and build again; nothing was written.' });
    this.failures = failures;
  }
}

/** Eager option validation with one message template (in the manner of p-queue). */
export function invalidOption(name: string, expected: string, value: unknown): ConfigError {
  if (value === undefined) return new ConfigError('InvalidOption', `Expected \`${name}\` to be ${expected}, but it is not set`);
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return new ConfigError('InvalidOption', `Expected \`${name}\` to be ${expected}, got \`${shown}\` (${typeof value})`);
}

/** The numbered cause chain printed by the CLI. Never includes stack traces unless `verbose`. */
export function formatErrorChain(error: unknown, verbose = false): string {
  const lines: string[] = [];
  const visit = (err: unknown, depth: number): void => {
    const prefix = `${'  '.repeat(depth)}${depth === 0 ? '✖' : '↳'} `;
    if (err instanceof BuildFailedError) {
      lines.push(`${prefix}[${err.code}] ${err.message}`);
      err.failures.forEach((failure, i) => {
        lines.push(`  ${i + 1}. ${describe(failure)}`);
        if (failure.cause !== undefined) visit(failure.cause, 2);
        // A job's own hint says what to do about it; a run of failures sharing one hint prints it once, after the run.
        if (failure.hint && failure.hint !== err.failures[i + 1]?.hint) lines.push(`     hint: ${failure.hint}`);
      });
      if (err.hint) lines.push(`  hint: ${err.hint}`);
      return;
    }
    lines.push(prefix + describe(err));
    if (err instanceof ExportError && err.hint) lines.push(`${'  '.repeat(depth + 1)}hint: ${err.hint}`);
    if (verbose && err instanceof Error && err.stack) lines.push(err.stack.split('\n').slice(1, 6).join('\n'));
    if (err instanceof Error && err.cause !== undefined && depth < 6) visit(err.cause, depth + 1);
  };
  visit(error, 0);
  return lines.join('\n');
}

function describe(err: unknown): string {
  if (err instanceof ExportError) {
    const where = [err.exporterId, err.outputPath].filter(Boolean).join(' → ');
    const issues = err instanceof SchemaValidationError ? err.issues.map((i) => `\n       ${i.instancePath || '/'} ${i.message}`).join('') : '';
    return `[${err.code}] ${where ? `${where}: ` : ''}${err.message}${issues}`;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

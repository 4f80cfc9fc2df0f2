/** Type tests: path placeholders and params agree; render returns the generated type. */
import { describe, expectTypeOf, test } from 'vitest';
import type { ParamsOf, PathPlaceholders } from '../../pipeline/define-exporter.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import resultsDaily from '../../exporters/results/daily.ts';
import type { ResultsDaily } from '../../generated/results/daily.ts';

describe('defineExporter types', () => {
  test('placeholders of a path template become the params keys', () => {
    expectTypeOf<PathPlaceholders<'players/{player_lookup}/season/{season}.json'>>().toEqualTypeOf<'player_lookup' | 'season'>();
    expectTypeOf<ParamsOf<'results/{date}.json'>>().toEqualTypeOf<{ readonly date: string }>();
    expectTypeOf<PathPlaceholders<'status.json'>>().toEqualTypeOf<never>();
  });

  test('row contracts give nullable columns a null member', () => {
    expectTypeOf<RowOf<{ a: 'number?'; b: 'date'; c: 'integer' }>>().toEqualTypeOf<{ readonly a: number | null; readonly b: string; readonly c: number }>();
  });

  test('render returns the schema-generated payload type', () => {
    expectTypeOf(resultsDaily.render).returns.toEqualTypeOf<ResultsDaily>();
    expectTypeOf(resultsDaily.params).returns.toEqualTypeOf<readonly { readonly date: string }[]>();
  });
});

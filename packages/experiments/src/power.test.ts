import { describe, expect, it } from 'vitest';
import {
  mdeMeans,
  mdeProportions,
  powerProportions,
  sampleSizeMeans,
  sampleSizeProportions,
} from './power.ts';

describe('proportions, as R power.prop.test', () => {
  it("reproduces the three examples of R's documentation", () => {
    // power.prop.test(n = 50, p1 = .50, p2 = .75)      ## => power = 0.740
    // power.prop.test(p1 = .50, p2 = .75, power = .90)  ## =>     n = 76.7
    // power.prop.test(n = 50, p1 = .5, power = .90)     ## =>    p2 = 0.8026
    expect(powerProportions(0.5, 0.75, 50)).toBeCloseTo(0.7401659, 6);
    expect(sampleSizeProportions(0.5, 0.25, { power: 0.9 })).toBeCloseTo(76.7, 1);
    expect(0.5 + mdeProportions(0.5, 50, { power: 0.9 })!).toBeCloseTo(0.8026, 4);
  });

  it('inverts: the MDE for n gives back n', () => {
    const mde = mdeProportions(0.05, 2500)!;
    expect(sampleSizeProportions(0.05, mde)).toBeCloseTo(2500, 4);
    expect(powerProportions(0.05, 0.05 + mde, 2500)).toBeCloseTo(0.8, 8);
  });

  it('is null where no plan exists', () => {
    expect(sampleSizeProportions(0.5, 0)).toBeNull();
    expect(sampleSizeProportions(0.9, 0.2)).toBeNull();
    expect(mdeProportions(0.5, 1)).toBeNull();
    expect(mdeProportions(0, 100)).toBeNull();
  });
});

describe('means, normal approximation', () => {
  it('is (z_{.975} + z_{.8}) · sd · √(2/n), worked by hand', () => {
    // z_{.975} = 1.959964, z_{.8} = 0.841621 (normal table): sum 2.801585
    expect(mdeMeans(1, 100)).toBeCloseTo(2.801585 * Math.sqrt(0.02), 6);
    // d = 0.5: n = 2 · (2.801585 / 0.5)² = 62.79 per arm (Cohen's tables give 64 with the t correction)
    expect(sampleSizeMeans(1, 0.5)).toBeCloseTo(62.79, 2);
    expect(sampleSizeMeans(0, 0.5)).toBeNull();
  });
});

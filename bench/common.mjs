// What the benchmark scripts share: a seeded PRNG and a description of the machine they ran on.
import os from "node:os";

/** Small deterministic PRNG (mulberry32): the same seed gives the same numbers everywhere. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The machine fields every results file starts with. */
export function machineInfo(loadAverageAtStart) {
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    cpu: os.cpus()[0]?.model,
    cpus: os.cpus().length,
    loadAverageAtStart,
  };
}

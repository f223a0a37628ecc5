import type { AiClassifier, ClassifierOutcome, PartInput } from '@nexa/contracts';

export const sampleOutcome = (part: PartInput): ClassifierOutcome => ({
  ncm: '85423190',
  description: `Circuito integrado ${part.partnumber}`,
  manufacturer: part.manufacturer ?? null,
  country: 'BR',
  confidence: 0.8,
  alternatives: [{ ncm: '85423990', description: 'Outros circuitos integrados', score: 0.4 }],
  justification: 'test classifier',
  engine: 'test',
});

/** A classifier that stops between its progress steps until the test opens the gate. */
export function gatedClassifier() {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let reachedGate: () => void = () => {};
  const atGate = new Promise<void>((resolve) => {
    reachedGate = resolve;
  });
  const classifier: AiClassifier = {
    name: 'gated',
    async classify(part, { onProgress }) {
      await onProgress({ current: 1, total: 3, message: 'step 1' });
      await onProgress({ current: 2, total: 3, message: 'step 2' });
      reachedGate();
      await gate;
      await onProgress({ current: 3, total: 3, message: 'step 3' });
      return sampleOutcome(part);
    },
  };
  return { classifier, open: () => open(), atGate };
}

/** Fails the first `failures` calls, then answers. */
export function flakyClassifier(failures: number) {
  let calls = 0;
  const classifier: AiClassifier = {
    name: 'flaky',
    async classify(part, { onProgress }) {
      calls += 1;
      await onProgress({ current: 1, total: 2, message: `call ${calls}` });
      if (calls <= failures) throw new Error(`AI server answered 503 (call ${calls})`);
      return sampleOutcome(part);
    },
  };
  return { classifier, calls: () => calls };
}

/** Never answers: the worker's attempt timeout must end it. */
export function silentClassifier() {
  let calls = 0;
  const classifier: AiClassifier = {
    name: 'silent',
    classify: () => {
      calls += 1;
      return new Promise<never>(() => {});
    },
  };
  return { classifier, calls: () => calls };
}

/** Answers at once, except for partnumbers the predicate marks, which always fail. */
export function selectiveClassifier(fails: (partnumber: string) => boolean) {
  let calls = 0;
  const classifier: AiClassifier = {
    name: 'selective',
    async classify(part) {
      calls += 1;
      if (fails(part.partnumber)) throw new Error(`no NCM for ${part.partnumber}`);
      return sampleOutcome(part);
    },
  };
  return { classifier, calls: () => calls };
}

/** Holds every call until the test opens the gate; counts the calls that started. */
export function blockingClassifier() {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let started = 0;
  let firstStarted: () => void = () => {};
  const atGate = new Promise<void>((resolve) => {
    firstStarted = resolve;
  });
  const classifier: AiClassifier = {
    name: 'blocking',
    async classify(part) {
      started += 1;
      firstStarted();
      await gate;
      return sampleOutcome(part);
    },
  };
  return { classifier, open: () => open(), atGate, started: () => started };
}

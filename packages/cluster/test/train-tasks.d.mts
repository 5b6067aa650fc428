import type { TaskRef, TrainerPartInput, TrainerPartOutput } from '@weft/core';

export declare function digitsPart(input: TrainerPartInput): TrainerPartOutput;
export declare const digitsPartTask: TaskRef<TrainerPartInput, TrainerPartOutput>;
export declare function createDigitsMlp(tf: unknown): unknown;

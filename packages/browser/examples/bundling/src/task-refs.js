// What the page runs: task references by the name the worker entry registers its tasks under.
import { defineTask } from '@weft/core';

export const squareTask = defineTask('bundle:tasks', 'square');

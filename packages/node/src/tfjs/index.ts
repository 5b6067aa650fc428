/** @module @weft/node/tfjs — helpers to run TensorFlow.js backends in Node and its worker threads. */

"""Weft's PyTorch contestant: trains the study's MNIST model in PyTorch on the CPU, an epoch per command.

Started by the bench (packages/bench/src/workloads/pytorch-trainer.ts) with one JSON line on stdin:
  {"dir": folder, "model": "mlp" | "cnn", "threads": n, "rows": n, "testRows": n, "features": 784,
   "shapes": [[...], ...], "batch": n, "epochs": n, "learningRate": lr, "epsilon": eps, "warmupSteps": n}
The folder holds raw little-endian arrays: x.f32 (rows x features), labels.i32, test-x.f32, test-labels.i32,
weights.f32 (the initial weights, flat, in tfjs's order and layouts: dense kernels [in, out], conv kernels
[kh, kw, in, out]) and orders.i32 (epochs x rows: the row order of each epoch, exactly Weft's).
Then one JSON line per command, one JSON line per answer:
  {"cmd": "epoch"}     -> {"loss": mean loss, "firstLoss": loss of the first step before its update, "ms": time}
  {"cmd": "evaluate"}  -> {"accuracy": percent on the test rows, "loss": mean loss}
  {"cmd": "quit"}      -> exits
The first answer, before any command, is {"ready": true, "torch": ..., "python": ..., "threads": n}.
A failure answers {"error": "..."} and exits with status 1.
"""
import copy
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def load(folder, name, dtype, shape):
    return torch.from_numpy(np.fromfile(os.path.join(folder, name), dtype=dtype).reshape(shape))


class NhwcFlatten(nn.Module):
    """Flattens NCHW maps in NHWC order, as tfjs's flatten does, so the dense kernel's rows line up."""

    def forward(self, x):
        return x.permute(0, 2, 3, 1).flatten(1)


def build(config, flat):
    """The model with the given initial weights, converted from tfjs's layouts to PyTorch's."""
    tensors, at = [], 0
    for shape in config["shapes"]:
        size = int(np.prod(shape))
        tensors.append(flat[at : at + size].reshape(shape))
        at += size
    if at != len(flat):
        raise ValueError(f"the weights hold {len(flat)} values; the shapes {config['shapes']} need {at}")
    if config["model"] == "mlp":
        layers = []
        for i in range(0, len(tensors), 2):
            kernel, bias = tensors[i], tensors[i + 1]
            linear = nn.Linear(kernel.shape[0], kernel.shape[1])
            linear.weight.data.copy_(kernel.t())
            linear.bias.data.copy_(bias)
            layers += [linear, nn.ReLU()]
        model = nn.Sequential(*layers[:-1])
    else:
        c1, b1, c2, b2, d, db = tensors
        conv1, conv2, dense = nn.Conv2d(1, c1.shape[3], 3), nn.Conv2d(c1.shape[3], c2.shape[3], 3), nn.Linear(d.shape[0], d.shape[1])
        conv1.weight.data.copy_(c1.permute(3, 2, 0, 1))
        conv1.bias.data.copy_(b1)
        conv2.weight.data.copy_(c2.permute(3, 2, 0, 1))
        conv2.bias.data.copy_(b2)
        dense.weight.data.copy_(d.t())
        dense.bias.data.copy_(db)
        model = nn.Sequential(conv1, nn.ReLU(), nn.MaxPool2d(2), conv2, nn.ReLU(), nn.MaxPool2d(2), NhwcFlatten(), dense)
    return model


def main():
    config = json.loads(sys.stdin.readline())
    threads = int(config["threads"])
    torch.set_num_threads(threads)
    folder, rows, features = config["dir"], config["rows"], config["features"]
    x = load(folder, "x.f32", np.float32, (rows, features))
    labels = load(folder, "labels.i32", np.int32, (rows,)).long()
    test_x = load(folder, "test-x.f32", np.float32, (config["testRows"], features))
    test_labels = load(folder, "test-labels.i32", np.int32, (config["testRows"],)).long()
    orders = load(folder, "orders.i32", np.int32, (config["epochs"], rows)).long()
    flat = load(folder, "weights.f32", np.float32, (-1,))
    if config["model"] == "cnn":
        x, test_x = x.view(rows, 1, 28, 28), test_x.view(-1, 1, 28, 28)
    batch = config["batch"]

    def optimiser_of(model):
        return torch.optim.Adam(model.parameters(), lr=config["learningRate"], eps=config["epsilon"])

    def step(model, optimiser, index):
        optimiser.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x[index]), labels[index])
        loss.backward()
        optimiser.step()
        return loss.item()

    # Warm-up on a throw-away copy: first calls allocate, pick kernels and fill caches.
    model = build(config, flat)
    warm = copy.deepcopy(model)
    warm_optimiser = optimiser_of(warm)
    first = torch.arange(min(batch, rows))
    for _ in range(config["warmupSteps"]):
        step(warm, warm_optimiser, first)
    del warm, warm_optimiser
    optimiser = optimiser_of(model)
    print(json.dumps({"ready": True, "torch": torch.__version__, "python": sys.version.split()[0], "threads": torch.get_num_threads()}), flush=True)

    epoch = 0
    for line in sys.stdin:
        command = json.loads(line)["cmd"]
        if command == "epoch":
            order = orders[epoch]
            epoch += 1
            start = time.perf_counter()
            losses = []
            for at in range(0, rows, batch):
                index = order[at : at + batch]
                losses.append(step(model, optimiser, index) * len(index))
            ms = (time.perf_counter() - start) * 1000
            print(json.dumps({"loss": sum(losses) / rows, "firstLoss": losses[0] / min(batch, rows), "ms": ms}), flush=True)
        elif command == "evaluate":
            with torch.no_grad():
                logits = model(test_x)
                loss = F.cross_entropy(logits, test_labels).item()
                accuracy = (logits.argmax(1) == test_labels).float().mean().item() * 100
            print(json.dumps({"accuracy": accuracy, "loss": loss}), flush=True)
        elif command == "quit":
            return
        else:
            raise ValueError(f"unknown command {command!r}")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # one line for the bench to show, then a non-zero exit
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}), flush=True)
        sys.exit(1)

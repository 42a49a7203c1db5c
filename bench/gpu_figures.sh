#!/usr/bin/env bash
# The README's GPU figures in one run: training and sampling img/s beside diffusers (train_throughput.py,
# sample_throughput.py) and the wall time of the two default runs (digits; shapes with a learned text encoder).
#   bash bench/gpu_figures.sh OUT        # needs diffnb importable (PYTHONPATH or pip install -e ".[bench]")
set -u
O=${1:-gpu-figures}; mkdir -p "$O"; O=$(cd "$O" && pwd)
export PYTHONUNBUFFERED=1 PYTHONPATH=$PWD:${PYTHONPATH:-}
printf 'from diffnb.cli import diffnb_train\ndiffnb_train()\n' > /tmp/diffnb-train.py   # what the console script runs
{ nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader; python -c "import torch; print('torch', torch.__version__)"; nproc; } | tee "$O/gpu.txt"
( cd bench
  for c in "--config small" "--config small --batch 1024" "--config cifar --bf16" "--config cifar"; do timeout 150 python train_throughput.py $c; done
) 2>&1 | grep -v Warning | tee "$O/train.txt"
( cd bench
  for c in "--config small --batch 1000" "--config cifar --bf16 --batch 256"; do timeout 150 python sample_throughput.py $c; done
) 2>&1 | grep -v Warning | tee "$O/sample.txt"
t0=$(date +%s); timeout 200 python /tmp/diffnb-train.py --out /tmp/digits > "$O/digits.log" 2>&1
echo "digits default run: $(( $(date +%s) - t0 )) s wall" | tee -a "$O/train.txt"; cp /tmp/digits/metrics.json "$O/digits-metrics.json"; cp /tmp/digits/samples.png "$O/digits-samples.png"
t0=$(date +%s); timeout 300 python /tmp/diffnb-train.py --data shapes --text learned --out /tmp/shapes >> "$O/digits.log" 2>&1
echo "shapes default run: $(( $(date +%s) - t0 )) s wall" | tee -a "$O/train.txt"; cp /tmp/shapes/metrics.json "$O/shapes-metrics.json"; cp /tmp/shapes/samples.png "$O/shapes-samples.png"
grep -v "|" "$O/digits.log" | tail -8

"""Runs one command and prints its wall time and peak memory as JSON on stderr's last line: the one
measure `npm run bench` (pandas section) applies alike to pandas and to ai-frontier. Its stdout is the
command's own.

Usage: python3 bench/measure.py COMMAND [ARGS...]
"""
import json
import resource
import subprocess
import sys
import time

start = time.perf_counter()
completed = subprocess.run(sys.argv[1:])
wall_ms = (time.perf_counter() - start) * 1000
# ru_maxrss of waited-for children: the peak of the one command run here (KiB on Linux, bytes on macOS).
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if sys.platform == "darwin":
    peak_kib //= 1024
sys.stderr.write("\n" + json.dumps({"wallMs": wall_ms, "peakKiB": peak_kib, "exitCode": completed.returncode}) + "\n")
sys.exit(completed.returncode)

#!/usr/bin/env python3
"""Decode time per token against the spread of busy slots, from a llama-server log (b9585 format).

For every finished task: the server's own eval time per token, the number of tasks that overlapped it, and the
span of their slot ids (highest - lowest + 1). llama-server keeps one KV stream per slot and a decode step's
attention reads every stream in the busy range, so at the same concurrency a wide span costs more (docs/gpu.md
section 6). Prints, per overlap count, the median ms/token by span bucket of 8 slots: (tasks, median).
Usage: slot_span.py SERVER.log   (a .gz log: zcat it to a file first)"""
import re,sys,collections
launch={}; rel={}; ev={}
def t(m): return int(m.group(1))*60+int(m.group(2))+int(m.group(3))/1e3+int(m.group(4))/1e6
for line in open(sys.argv[1]):
    m=re.match(r'\s*(\d+)\.(\d+)\.(\d+)\.(\d+) I slot launch_slot_: id\s+(\d+) \| task (\d+)',line)
    if m: launch[int(m.group(6))]=(t(m),int(m.group(5)))
    m=re.match(r'\s*(\d+)\.(\d+)\.(\d+)\.(\d+) I slot      release: id\s+(\d+) \| task (\d+)',line)
    if m: rel[int(m.group(6))]=t(m)
    m=re.search(r'task (\d+) \|\s+eval time =\s+([\d.]+) ms /\s+(\d+) tokens',line)
    if m: ev[int(m.group(1))]=float(m.group(2))/int(m.group(3))
tasks=[k for k in sorted(launch) if k in rel and k in ev]
by=collections.defaultdict(list)
for k in tasks:
    a,s=launch[k]; b=rel[k]
    conc=[launch[j][1] for j in tasks if launch[j][0]<b and rel[j]>a]
    n=len(conc); span=max(conc)-min(conc)+1
    by[n].append((span,ev[k]))
for n in sorted(by):
    pts=by[n]
    b=collections.defaultdict(list)
    for span,e in pts: b[(span-1)//8].append(e)
    print(n, len(pts), {f"{8*k+1}-{8*k+8}":(len(v),round(sorted(v)[len(v)//2],2)) for k,v in sorted(b.items())})

#!/usr/bin/env python3
"""Cost of one `newsdex index` run per block of articles: does it stay flat as the index grows?

usage: bench/index-cost-per-block.py [--block N] [--log FILE] NEWSDEX_BIN -- INDEX_ARGS...
  e.g. bench/index-cost-per-block.py --block 50000 build/tools/newsdex -- --db /tmp/db big.jsonl.gz

Runs `NEWSDEX_BIN index --progress always INDEX_ARGS...` under GNU time, and every 2 seconds reads
the process's CPU time (user+sys of all its threads, /proc/PID/stat) beside the article count of
its progress line. Prints, per block of N articles handed to the shard writers, the wall and CPU
seconds it took (interpolated between samples), then the whole run's wall, CPU and peak RSS from
GNU time. The samples go to --log (TSV: seconds, articles, CPU seconds) if given.
"""
import argparse, os, re, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument('--block', type=int, default=50000)
ap.add_argument('--log')
ap.add_argument('newsdex')
ap.add_argument('index_args', nargs=argparse.REMAINDER)
args = ap.parse_args()
index_args = args.index_args[1:] if args.index_args[:1] == ['--'] else args.index_args

tick = os.sysconf('SC_CLK_TCK')
tmp = tempfile.mkdtemp(prefix='index-cost-')
timefile, errfile = os.path.join(tmp, 'time'), os.path.join(tmp, 'stderr')
with open(errfile, 'wb') as err:
    proc = subprocess.Popen(['/usr/bin/time', '-v', '-o', timefile, args.newsdex, 'index', '--progress', 'always',
                             *index_args], stdout=subprocess.DEVNULL, stderr=err)


def child_pid():
    # GNU time forks the command: the indexer is time's only child.
    try:
        with open(f'/proc/{proc.pid}/task/{proc.pid}/children') as f:
            kids = f.read().split()
        return int(kids[0]) if kids else None
    except OSError:
        return None


def cpu_of(pid):
    try:
        with open(f'/proc/{pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick  # utime, stime: fields 14 and 15
    except (OSError, IndexError):
        return None


def articles_so_far():
    # The progress line is redrawn after "\r"; its count reads "| 12,345 articles".
    with open(errfile, 'rb') as f:
        f.seek(0, 2)
        f.seek(max(0, f.tell() - 4096))
        tail = f.read().decode('utf-8', 'replace')
    counts = re.findall(r'\| ([\d,]+) articles?\b', tail)
    return int(counts[-1].replace(',', '')) if counts else 0


samples = [(0.0, 0, 0.0)]
start = time.monotonic()
log = open(args.log, 'w') if args.log else None
while proc.poll() is None:
    time.sleep(2)
    pid = child_pid()
    cpu = cpu_of(pid) if pid else None
    if cpu is None:
        continue
    s = (time.monotonic() - start, articles_so_far(), cpu)
    samples.append(s)
    if log:
        log.write('%.1f\t%d\t%.2f\n' % s)
        log.flush()

txt = open(timefile).read() if os.path.exists(timefile) else ''
# 130 and 143: stopped by SIGINT or SIGTERM, after committing what it read (a partial run still
# has its blocks' costs; the next run with the same arguments resumes it).
interrupted = proc.returncode in (130, 143)
if proc.returncode != 0 and not interrupted:
    sys.stderr.write(open(errfile, 'rb').read()[-2000:].decode('utf-8', 'replace').replace('\r', '\n') + '\n')
    sys.exit(f'index-cost-per-block: newsdex index failed ({proc.returncode})')
if interrupted:
    print('(interrupted: the run stopped early, after committing what it had read)')


def at(articles):
    """(wall, cpu) when the run reached @articles, interpolated between the samples around it."""
    for (t0, a0, c0), (t1, a1, c1) in zip(samples, samples[1:]):
        if a0 <= articles <= a1 and a1 > a0:
            f = (articles - a0) / (a1 - a0)
            return t0 + f * (t1 - t0), c0 + f * (c1 - c0)
    return None


print('| articles | wall s | CPU s | CPU ms per article |')
print('|---|---:|---:|---:|')
total = samples[-1][1]
prev = (0.0, 0.0)
for end in range(args.block, total + 1, args.block):
    p = at(end)
    if p is None:
        break
    print('| %d–%d | %.0f | %.0f | %.2f |' % (end - args.block + 1, end, p[0] - prev[0], p[1] - prev[1],
                                              (p[1] - prev[1]) * 1000 / args.block))
    prev = p
g = lambda rx: re.search(rx, txt).group(1)
parts = [float(x) for x in g(r'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)').split(':')]
wall = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
cpu = float(g(r'User time \(seconds\): (\S+)')) + float(g(r'System time \(seconds\): (\S+)'))
print('whole run: %d articles (last progress count), wall %.1f s, CPU %.1f s (user+sys), peak RSS %.0f MB; '
      'after the last sample (final commit): wall %.1f s, CPU %.1f s'
      % (total, wall, cpu, int(g(r'Maximum resident set size .kbytes.: (\d+)')) / 1024,
         wall - samples[-1][0], cpu - samples[-1][2]))

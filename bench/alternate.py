"""Commands timed side by side: each run in turn, round after round, so that a busy moment of a
shared machine falls on all of them alike. Used by side_by_side.py, pictures.py and copies.py."""
import subprocess
import time


def alternate(commands, runs, warmups=3, cwd=None):
    """Runs each of `commands` (name → an argument list, run as a process in `cwd`, or a
    function) once a round, for `warmups` uncounted rounds and then `runs` counted ones;
    returns each name's counted wall times, in seconds."""
    times = {name: [] for name in commands}
    for round_number in range(warmups + runs):
        for name, command in commands.items():
            start = time.perf_counter()
            if callable(command):
                command()
            else:
                subprocess.run(command, check=True, capture_output=True, cwd=cwd)
            if round_number >= warmups:
                times[name].append(time.perf_counter() - start)
    return times

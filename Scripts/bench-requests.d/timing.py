"""The figures fides.py and registre.py both report for a series of request times, computed the
same way for both tools (imported from the script's own folder; standard library only)."""
import math
import statistics


def percentile(values, fraction):
    """Nearest-rank percentile (p99 of 20 values is the largest)."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * fraction)) - 1]


def summary(seconds, digits=3):
    """Count, p50, p99, mean, min, max and each time, in seconds rounded to `digits`."""
    return {
        "count": len(seconds),
        "p50_seconds": round(statistics.median(seconds), digits),
        "p99_seconds": round(percentile(seconds, 0.99), digits),
        "mean_seconds": round(statistics.fmean(seconds), digits),
        "min_seconds": round(min(seconds), digits),
        "max_seconds": round(max(seconds), digits),
        "per_request_seconds": [round(s, digits) for s in seconds],
    }

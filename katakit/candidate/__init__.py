"""The candidate side: the learner's code in a worker process, and the channel to it.

``worker`` (with ``guard`` and ``tracing``) runs inside the learner's process; ``client`` is
the examiner's handle on it; ``protocol`` is the narrow channel both sides speak; ``errors``
are the problems a learner's process can cause. Kept import-free: the worker imports this
package before anything else and must not pull in the grader.
"""

"""The engine fixture (``engine_judge.engine``), for every test of this folder that compares with the engine."""
from engine_judge import engine

__all__ = ["engine"]

"""Plan optimiser: who attends which training session, under budgets, seats and JP rules (issue 4).

Pure engine (numpy + scipy, no Django). Typical use from the app:

    inst = load_instance(data)              # dict or path; InstanceError names the bad field
    result = solve(inst, time_limit=60)     # plan + proven upper bound
    result.to_dict(inst)                    # {"status", "objective", "bound", "assignments", "stats"}
    objective(inst, rows), check_feasibility(inst, rows)   # re-check any plan given by ids
"""

from .generator import SHAPES, generate
from .model import Instance, InstanceError, instance_to_dict, load_instance
from .objective import check_feasibility, objective
from .solve import Result, solve

__all__ = [
    "SHAPES",
    "Instance",
    "InstanceError",
    "Result",
    "check_feasibility",
    "generate",
    "instance_to_dict",
    "load_instance",
    "objective",
    "solve",
]

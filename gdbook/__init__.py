"""gdbook: derivatives, gradients, gradient descent, SGD and backpropagation.

The package behind the gdbook tutorial site. The algorithms return result objects
with their whole history; :mod:`gdbook.plot` draws from them (and is the only module
that imports matplotlib, so ``import gdbook`` stays light).

Examples
--------
>>> import gdbook
>>> print(gdbook.numerical_gradient(lambda x: x[0]**2 + x[1]**2, [3, 4]))
[6. 8.]
"""

from gdbook import (
    calculus,
    datasets,
    descent,
    functions,
    models,
    networks,
    objectives,
)
from gdbook.calculus import *  # noqa: F403
from gdbook.datasets import *  # noqa: F403
from gdbook.descent import *  # noqa: F403
from gdbook.functions import *  # noqa: F403
from gdbook.models import *  # noqa: F403
from gdbook.networks import *  # noqa: F403
from gdbook.objectives import *  # noqa: F403

__version__ = "0.2.0"

# Each module lists its public names in its own ``__all__``; the package re-exports
# them all, so adding a public function means touching one module only.
__all__ = [
    *calculus.__all__,
    *datasets.__all__,
    *descent.__all__,
    *functions.__all__,
    *models.__all__,
    *networks.__all__,
    *objectives.__all__,
]

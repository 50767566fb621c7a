"""bot.runtime.rasa_server: the Rasa server process loads TensorFlow without JAX."""
import subprocess
import sys

PROBE = ("import sys, bot.runtime.rasa_server, tensorflow as tf; "
         "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jax', 'jaxlib') and sys.modules[m])); "
         "print(tf.constant([1.0, 2.0]).numpy().sum())")


def test_tensorflow_loads_and_runs_without_jax_in_the_rasa_server():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300,
                         check=True).stdout.split("\n")
    assert out[0] == "[]" and out[1] == "3.0"


def test_without_the_server_module_tensorflow_would_load_jax():
    # the line in rasa_server is what keeps JAX out (if TensorFlow stops importing it, drop both)
    probe = "import sys, tensorflow; print('jaxlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300,
                         check=True).stdout.strip()
    assert out == "True"

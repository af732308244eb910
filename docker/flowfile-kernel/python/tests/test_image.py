"""The kernel image, run the way the engine runs it: read-only root filesystem, user 1000, all
capabilities dropped, no-new-privileges, tmpfs /tmp and /home/flowfile, the connection file mounted
read-only and the ports published on 127.0.0.1. A host-side jupyter_client talks to it.

The image is FLOWFILE_KERNEL_IMAGE (default flowfile-kernel:latest; build.sh builds it). Without
Docker or the image these tests fail: the project runs every test.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from jupyter_client.blocking import BlockingKernelClient

from conftest import driver_code, write_ipc, write_reply
from real_kernels import LOCK_FILE, TIMEOUT, KernelSession, pinned_version, wait_for_ready
from flowfile._log import LOG_MIME

IMAGE = os.environ.get("FLOWFILE_KERNEL_IMAGE", "flowfile-kernel:latest")
CHANNELS = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")
CONTAINER_PORTS = dict(zip(CHANNELS, range(5555, 5560)))


def docker(*args: str, timeout: float = 60, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["docker", *args], capture_output=True, text=True, timeout=timeout, check=check)


def image_problem() -> str | None:
    """None when the image can be run, else why not."""
    if shutil.which("docker") is None:
        return "no docker command (install Docker: apt-get install docker.io, or scripts/setup)"
    try:
        result = docker("image", "inspect", IMAGE, timeout=20, check=False)
    except subprocess.TimeoutExpired:
        return "the Docker daemon does not answer (start it: dockerd, or scripts/setup)"
    if result.returncode != 0:
        return f"image {IMAGE} not found (build it with docker/flowfile-kernel/build.sh): {result.stderr.strip()}"
    return None


@pytest.fixture(autouse=True, scope="module")
def _image_available() -> None:
    problem = image_problem()
    if problem is not None:
        pytest.fail(f"the kernel image tests cannot run: {problem}", pytrace=False)


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


@dataclass
class Container(KernelSession):
    """A kernel in a container of the image."""

    name: str = ""
    exchange: Path = Path()
    started_in: float = 0.0
    """Seconds from ``docker run`` to the kernel's first answer."""


@contextlib.contextmanager
def run_container(workdir: Path, *, init: bool = True) -> Iterator[Container]:
    """Runs a container of the image as the engine does (with Docker's init as PID 1), connected and
    ready; removes it on exit. ``init=False`` runs the kernel as PID 1, as a hand-written ``docker run``
    would."""
    key = secrets.token_hex(32)
    connection = {"transport": "tcp", "signature_scheme": "hmac-sha256", "key": key, "kernel_name": "python3"}
    (workdir / "connection.json").write_text(json.dumps({**connection, "ip": "0.0.0.0", **CONTAINER_PORTS}))
    host_ports = dict(zip(CHANNELS, free_ports(len(CHANNELS))))
    (workdir / "host-connection.json").write_text(json.dumps({**connection, "ip": "127.0.0.1", **host_ports}))
    exchange = workdir / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)  # the kernel runs as uid 1000

    name = f"flowfile-kernel-test-{secrets.token_hex(4)}"
    publish = [f"-p127.0.0.1:{host_ports[c]}:{CONTAINER_PORTS[c]}" for c in CHANNELS]
    started = time.monotonic()
    docker(
        "run", "-d", "--name", name, "--label", "io.flowfile.test=kernel-image",
        "--read-only", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
        "--user", "1000:1000", "--memory", "1g", "--pids-limit", "256",
        "--tmpfs", "/tmp", "--tmpfs", "/home/flowfile:uid=1000,gid=1000",
        "-v", f"{workdir / 'connection.json'}:/flowfile/connection.json:ro",
        "-v", f"{exchange}:/flowfile/exchange",
        "--health-interval", "1s", "--health-start-period", "0s",
        *(["--init"] if init else []), *publish, IMAGE,
    )
    client = BlockingKernelClient()
    client.load_connection_file(str(workdir / "host-connection.json"))
    client.start_channels()
    try:
        modules = wait_for_ready(client)
        yield Container(client, modules, name=name, exchange=exchange, started_in=time.monotonic() - started)
    finally:
        client.stop_channels()
        logs = docker("logs", name, check=False)
        docker("rm", "-f", name, check=False)
        print(f"container log:\n{logs.stdout}{logs.stderr}")


@pytest.fixture(scope="module")
def container(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    """A container shared by the module's tests (none of them stops it)."""
    with run_container(tmp_path_factory.mktemp("container")) as running:
        yield running


def test_kernel_answers_kernel_info(container: Container) -> None:
    print(f"docker run -> first answer: {container.started_in:.2f} s")
    msg_id = container.client.kernel_info()
    reply = container.client.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:  # a late answer to wait_for_ready's requests
        reply = container.client.get_shell_msg(timeout=TIMEOUT)
    assert reply["msg_type"] == "kernel_info_reply"
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["language_info"]["name"] == "python"
    assert reply["content"]["protocol_version"].startswith("5.")


def test_flowfile_is_imported_at_start_and_polars_is_not(container: Container) -> None:
    assert "flowfile" in container.modules_at_start and "flowfile._kernel" in container.modules_at_start
    assert "polars" not in container.modules_at_start and "pandas" not in container.modules_at_start


def test_flowfile_and_the_pinned_polars_import(container: Container) -> None:
    output = container.stdout("import flowfile, polars; print(polars.__version__)")

    assert output.strip() == pinned_version("polars")


def test_runs_as_1000_on_a_read_only_root_with_writable_tmp_and_home(container: Container) -> None:
    code = (
        "import os\n"
        "print(os.getuid(), os.getgid(), os.getcwd())\n"
        "for path in ('/opt/flowfile/x', '/flowfile/x', '/tmp/x', '/home/flowfile/x'):\n"
        "    try:\n"
        "        open(path, 'w').close(); print(path, 'writable')\n"
        "    except OSError as error:\n"
        "        print(path, error.strerror)\n"
    )
    lines = container.stdout(code).splitlines()

    assert lines[0] == "1000 1000 /home/flowfile"
    assert lines[1:] == [
        "/opt/flowfile/x Read-only file system",
        "/flowfile/x Read-only file system",
        "/tmp/x writable",
        "/home/flowfile/x writable",
    ]


def test_a_node_reads_and_publishes_through_the_exchange_mount(container: Container) -> None:
    write_ipc(container.exchange / "in.arrow", {"amount": [50, 150, 250]})
    context = {"node_id": 4, "inputs": {"main": ["/flowfile/exchange/in.arrow"]}, "output_dir": "/flowfile/exchange/out"}
    code = (
        f"flowfile._context.set_context({json.dumps(context)})\n"
        "import polars as pl\n"
        "flowfile.publish_output(flowfile.read_input().filter(pl.col('amount') > 100))\n"
        "flowfile.log_info('published')\n"
        "flowfile._context.clear_context()\n"
    )

    run = container.execute(code)

    assert run.reply["status"] == "ok", run.reply
    [log] = [d["data"][LOG_MIME] for d in run.of_type("display_data")]
    assert log["node_id"] == 4 and log["message"] == "published"
    import pyarrow as pa

    with pa.memory_map(str(container.exchange / "out" / "main.arrow")) as file:
        assert pa.ipc.open_file(file).read_all().to_pydict() == {"amount": [150, 250]}


def test_a_matplotlib_figure_is_displayed(container: Container) -> None:
    code = "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(); ax.plot([1, 2])\nflowfile.display(fig, title='t')\n"

    run = container.execute(code)

    assert run.reply["status"] == "ok", run.reply
    [shown] = run.of_type("display_data")
    assert "image/png" in shown["data"] and shown["metadata"] == {"flowfile": {"title": "t"}}


def test_plt_show_in_a_cell_displays_the_figure(container: Container) -> None:
    code = (
        "import flowfile._kernel as _fk\n"
        "_fk.run_cell({'flow_id': 'f', 'node_id': 1}, "
        "'import matplotlib.pyplot as plt\\nplt.plot([1, 2]); plt.suptitle(\"shown\")\\nplt.show()')\n"
    )

    run = container.execute(code)

    assert run.reply["status"] == "ok", run.reply
    [shown] = run.of_type("display_data")
    assert "image/png" in shown["data"] and shown["metadata"] == {"flowfile": {"title": "shown"}}


def test_a_plotly_figure_shown_in_a_cell_is_the_figure_as_json(container: Container) -> None:
    # fig.show() and a figure as the last expression publish the figure itself (flowfile._plotly),
    # which the Flowfile UI draws (no CDN, no script in the page)
    code = (
        "import plotly.graph_objects as go\n"
        "fig = go.Figure(go.Bar(x=['a', 'b'], y=[1, 2]), layout={'title': {'text': 'Two bars'}})\n"
        "fig.show()\n"
        "fig\n"
    )

    run = container.execute(code)

    assert run.reply["status"] == "ok", run.reply
    shown = run.of_type("display_data")
    assert len(shown) == 2, shown
    for display in shown:
        figure = display["data"]["application/vnd.plotly.v1+json"]
        assert figure["data"][0]["type"] == "bar" and list(figure["data"][0]["x"]) == ["a", "b"]
        assert display["metadata"] == {"flowfile": {"title": "Two bars"}}


def interrupt_while_a_child_process_runs(container: Container) -> None:
    """Interrupts a sleeping cell while a process the kernel started still runs, and checks the cell
    stops with KeyboardInterrupt at once and the kernel lives on.

    The child matters: ipykernel signals the kernel's process group, and for a kernel that is PID 1
    that is ``kill(-1)``: every other process in the container but not the kernel. With the child (or
    a health check) around, that call succeeds and the kernel was never interrupted."""
    client = container.client
    client.control_channel.send(client.session.msg("kernel_info_request", {}))
    assert client.get_control_msg(timeout=10)["msg_type"] == "kernel_info_reply"  # control connected
    container.stdout("import subprocess; child = subprocess.Popen(['sleep', '60'])")
    try:
        run = container.start("import time; print('sleeping', flush=True); time.sleep(30)")
        run.wait_for("stream", lambda m: "sleeping" in m["content"]["text"])
        client.control_channel.send(client.session.msg("interrupt_request", {}))
        started = time.monotonic()
        answer = client.get_control_msg(timeout=10)
        reply = run.finish()

        assert (answer["msg_type"], answer["content"]["status"]) == ("interrupt_reply", "ok"), answer["content"]
        assert reply["status"] == "error"
        assert reply["ename"] == "KeyboardInterrupt"
        assert time.monotonic() - started < 5
        assert container.stdout("print('still alive')").strip() == "still alive"
    finally:
        container.stdout("child.kill(); child.wait(); print(child.returncode)")


def test_interrupt_request_interrupts_a_running_cell(container: Container) -> None:
    interrupt_while_a_child_process_runs(container)


def test_interrupt_request_interrupts_a_running_cell_of_a_kernel_running_as_pid_1(tmp_path: Path) -> None:
    with run_container(tmp_path, init=False) as own:
        assert own.stdout("import os; print(os.getpid())").strip() == "1"
        interrupt_while_a_child_process_runs(own)


def test_cells_artifacts_and_an_engine_request_in_the_container(container: Container) -> None:
    """run_cell_b64 as the engine sends it; a flow artifact lands in the mounted directory; a global
    request goes out as a comm message and the answer file written on the host unblocks the cell."""
    context = {
        "flow_id": "f1", "node_id": 2, "run_id": "r1", "kernel_id": "k1",
        "artifact_dir": "/flowfile/exchange/artifacts", "exchange_dir": "/flowfile/exchange",
    }
    source = (
        "import numpy as np\n"
        "flowfile.publish_artifact('weights', np.arange(4))\n"
        "found = flowfile.list_global_artifacts()\n"
        "[a.name for a in found] + [int(flowfile.read_artifact('weights').sum())]"
    )
    run = container.start(driver_code(context, source))
    request = run.wait_for("comm_msg", where=lambda m: m["content"]["data"]["action"] == "list_global")
    write_reply(str(container.exchange), request["content"]["data"]["request_id"],
                {"ok": True, "artifacts": [{"name": "sales", "version": 1}]})
    reply = run.finish()

    assert reply["status"] == "ok", reply
    assert [c["data"]["action"] for c in run.of_type("comm_msg")] == ["artifact_published", "list_global"]
    assert [d["data"]["text/plain"] for d in run.of_type("display_data")] == ["['sales', 6]"]
    artifact = container.exchange / "artifacts" / "f1" / "weights"
    meta = json.loads((artifact / "meta.json").read_text())
    assert sorted(os.listdir(artifact)) == [meta["file"], "meta.json"]
    assert meta["file"] == f"data-{meta['sha256'][:16]}.joblib"
    assert meta["sha256"] == hashlib.sha256((artifact / meta["file"]).read_bytes()).hexdigest()
    assert (meta["format"], meta["node_id"], meta["python_type"]) == ("joblib", 2, "numpy.ndarray")


def test_healthcheck_reports_healthy(container: Container) -> None:
    deadline = time.monotonic() + 30
    status = ""
    while time.monotonic() < deadline:
        status = docker("inspect", "-f", "{{.State.Health.Status}}", container.name).stdout.strip()
        if status == "healthy":
            break
        time.sleep(0.5)
    assert status == "healthy"


@pytest.mark.parametrize("init", [True, False], ids=["with-init", "kernel-as-pid-1"])
def test_docker_stop_stops_the_kernel_promptly(tmp_path: Path, init: bool) -> None:
    with run_container(tmp_path, init=init) as own:  # its own container: the module's stays up for the others
        started = time.monotonic()
        docker("stop", "-t", "20", own.name, timeout=30)
        stopped_in = time.monotonic() - started
        exit_code = docker("inspect", "-f", "{{.State.ExitCode}}", own.name).stdout.strip()

    assert stopped_in < 5, f"docker stop took {stopped_in:.1f} s: SIGTERM was ignored"
    assert exit_code == "143"


def test_image_carries_the_lock_hash_label() -> None:
    label = docker("image", "inspect", "-f", '{{index .Config.Labels "io.flowfile.lock-sha256"}}', IMAGE).stdout.strip()

    assert label == hashlib.sha256(LOCK_FILE.read_bytes()).hexdigest()


def test_without_a_connection_file_the_container_exits_with_a_clear_message() -> None:
    result = docker("run", "--rm", "--read-only", "--tmpfs", "/tmp", IMAGE, check=False)

    assert result.returncode == 78
    assert "connection file /flowfile/connection.json is missing" in result.stderr

"""The kernel image, run the way the engine runs it: read-only root filesystem, user 1000, all
capabilities dropped, no-new-privileges, tmpfs /tmp and /home/flowfile, the connection file mounted
read-only and the ports published on 127.0.0.1. A host-side jupyter_client talks to it.

The image is FLOWFILE_KERNEL_IMAGE (default flowfile-kernel:latest; scripts/setup builds it). Without
Docker or the image these tests fail (the project runs every test); FLOWFILE_SKIP_IMAGE_TESTS=1 skips
them instead, e.g. on a machine without Docker.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.blocking import BlockingKernelClient

from conftest import write_ipc
from flowfile._log import LOG_MIME

IMAGE = os.environ.get("FLOWFILE_KERNEL_IMAGE", "flowfile-kernel:latest")
CHANNELS = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")
CONTAINER_PORTS = dict(zip(CHANNELS, range(5555, 5560)))
TIMEOUT = 60
LOCK = Path(__file__).resolve().parents[2] / "requirements.lock"


def docker(*args: str, timeout: float = 60, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["docker", *args], capture_output=True, text=True, timeout=timeout, check=check)


def image_available() -> str | None:
    """None when the image can be run, else why not."""
    if shutil.which("docker") is None:
        return "no docker command"
    try:
        result = docker("image", "inspect", IMAGE, timeout=20, check=False)
    except subprocess.TimeoutExpired:
        return "the Docker daemon does not answer"
    return None if result.returncode == 0 else f"image {IMAGE} not found (build it with docker/flowfile-kernel/build.sh)"


@pytest.fixture(autouse=True, scope="module")
def _image_available() -> None:
    problem = image_available()
    if problem is not None:
        if os.environ.get("FLOWFILE_SKIP_IMAGE_TESTS") == "1":
            pytest.skip(problem)
        pytest.fail(f"{problem}; set FLOWFILE_SKIP_IMAGE_TESTS=1 to skip the image tests", pytrace=False)


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


class Kernel:
    def __init__(self, container: str, client: BlockingKernelClient, exchange: Path, started_in: float) -> None:
        self.container = container
        self.client = client
        self.exchange = exchange
        self.started_in = started_in

    def execute(self, code: str, timeout: float = TIMEOUT) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        msg_id = self.client.execute(code)
        reply = self.client.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.client.get_shell_msg(timeout=timeout)
        messages = []
        while True:
            message = self.client.get_iopub_msg(timeout=timeout)
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                return reply["content"], messages
            messages.append(message)

    def stdout(self, code: str) -> str:
        reply, messages = self.execute(code)
        assert reply["status"] == "ok", reply
        return "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream")


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kernel]:
    workdir = tmp_path_factory.mktemp("kernel")
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
        *publish, IMAGE,
    )
    client = BlockingKernelClient()
    client.load_connection_file(str(workdir / "host-connection.json"))
    client.start_channels()
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        yield Kernel(name, client, exchange, time.monotonic() - started)
    finally:
        client.stop_channels()
        logs = docker("logs", name, check=False)
        docker("rm", "-f", name, check=False)
        print(f"container log:\n{logs.stdout}{logs.stderr}")


def test_kernel_answers_kernel_info(kernel: Kernel) -> None:
    print(f"docker run -> first kernel_info reply: {kernel.started_in:.2f} s")
    msg_id = kernel.client.kernel_info()
    reply = kernel.client.get_shell_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["language_info"]["name"] == "python"
    assert reply["content"]["protocol_version"].startswith("5.")


def test_flowfile_is_imported_at_start_and_polars_is_not(kernel: Kernel) -> None:
    output = kernel.stdout("import sys; print(sorted(m for m in ('flowfile', 'polars', 'pandas') if m in sys.modules))")

    assert output.strip() == "['flowfile']"


def test_flowfile_and_polars_import(kernel: Kernel) -> None:
    output = kernel.stdout("import flowfile, polars; print(polars.__version__)")

    assert output.strip() == "2.1.0"


def test_runs_as_1000_on_a_read_only_root_with_writable_tmp_and_home(kernel: Kernel) -> None:
    code = (
        "import os\n"
        "print(os.getuid(), os.getgid(), os.getcwd())\n"
        "for path in ('/opt/flowfile/x', '/flowfile/x', '/tmp/x', '/home/flowfile/x'):\n"
        "    try:\n"
        "        open(path, 'w').close(); print(path, 'writable')\n"
        "    except OSError as error:\n"
        "        print(path, error.strerror)\n"
    )
    lines = kernel.stdout(code).splitlines()

    assert lines[0] == "1000 1000 /home/flowfile"
    assert lines[1:] == [
        "/opt/flowfile/x Read-only file system",
        "/flowfile/x Read-only file system",
        "/tmp/x writable",
        "/home/flowfile/x writable",
    ]


def test_a_node_reads_and_publishes_through_the_exchange_mount(kernel: Kernel) -> None:
    write_ipc(kernel.exchange / "in.arrow", {"amount": [50, 150, 250]})
    context = {"node_id": 4, "inputs": {"main": ["/flowfile/exchange/in.arrow"]}, "output_dir": "/flowfile/exchange/out"}
    code = (
        f"flowfile._context.set_context({json.dumps(context)})\n"
        "import polars as pl\n"
        "flowfile.publish_output(flowfile.read_input().filter(pl.col('amount') > 100))\n"
        "flowfile.log_info('published')\n"
        "flowfile._context.clear_context()\n"
    )

    reply, messages = kernel.execute(code)

    assert reply["status"] == "ok", reply
    [log] = [m["content"]["data"][LOG_MIME] for m in messages if m["msg_type"] == "display_data"]
    assert log["node_id"] == 4 and log["message"] == "published"
    import pyarrow as pa

    with pa.memory_map(str(kernel.exchange / "out" / "main.arrow")) as file:
        assert pa.ipc.open_file(file).read_all().to_pydict() == {"amount": [150, 250]}


def test_a_matplotlib_figure_is_displayed(kernel: Kernel) -> None:
    code = "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(); ax.plot([1, 2])\nflowfile.display(fig, title='t')\n"

    reply, messages = kernel.execute(code)

    assert reply["status"] == "ok", reply
    [shown] = [m["content"] for m in messages if m["msg_type"] == "display_data"]
    assert "image/png" in shown["data"] and shown["metadata"] == {"flowfile": {"title": "t"}}


def test_interrupt_request_interrupts_a_running_cell(kernel: Kernel) -> None:
    msg_id = kernel.client.execute("import time; time.sleep(30)")
    time.sleep(1.0)
    request = kernel.client.session.msg("interrupt_request", {})
    kernel.client.control_channel.send(request)
    started = time.monotonic()
    reply = kernel.client.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kernel.client.get_shell_msg(timeout=TIMEOUT)

    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    assert time.monotonic() - started < 5
    assert kernel.stdout("print('still alive')").strip() == "still alive"


def test_cells_artifacts_and_an_engine_request_in_the_container(kernel: Kernel) -> None:
    """run_cell_b64 as the engine sends it; a flow artifact lands in the mounted directory; a global
    request goes out as a comm message and the answer file written on the host unblocks the cell."""
    import base64

    def b64(text: str) -> str:
        return base64.b64encode(text.encode()).decode()

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
    msg_id = kernel.client.execute(
        f'import flowfile._kernel as _fk; _fk.run_cell_b64("{b64(json.dumps(context))}", "{b64(source)}", 0)'
    )
    requests, shown = [], []
    while True:
        message = kernel.client.get_iopub_msg(timeout=TIMEOUT)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = message["msg_type"], message["content"]
        if kind == "comm_msg" and content["data"]["action"] == "list_global":
            requests.append(content["data"])
            replies = kernel.exchange / "replies"
            replies.mkdir(exist_ok=True)
            (replies / "tmp").write_text(json.dumps({"ok": True, "artifacts": [{"name": "sales", "version": 1}]}))
            os.replace(replies / "tmp", replies / f"{content['data']['request_id']}.json")
        elif kind == "display_data":
            shown.append(content["data"]["text/plain"])
        elif kind == "status" and content["execution_state"] == "idle":
            break
    reply = kernel.client.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kernel.client.get_shell_msg(timeout=TIMEOUT)

    assert reply["content"]["status"] == "ok", reply["content"]
    assert len(requests) == 1 and shown == ["['sales', 6]"]
    artifact = kernel.exchange / "artifacts" / "f1" / "weights"
    meta = json.loads((artifact / "meta.json").read_text())
    assert sorted(os.listdir(artifact)) == ["data.joblib", "meta.json"]
    assert meta["sha256"] == hashlib.sha256((artifact / "data.joblib").read_bytes()).hexdigest()
    assert (meta["format"], meta["node_id"], meta["python_type"]) == ("joblib", 2, "numpy.ndarray")


def test_healthcheck_reports_healthy(kernel: Kernel) -> None:
    deadline = time.monotonic() + 30
    status = ""
    while time.monotonic() < deadline:
        status = docker("inspect", "-f", "{{.State.Health.Status}}", kernel.container).stdout.strip()
        if status == "healthy":
            break
        time.sleep(0.5)
    assert status == "healthy"


def test_docker_stop_stops_the_kernel_promptly(kernel: Kernel) -> None:
    # Last test of the module that uses the kernel (tests run in file order).
    started = time.monotonic()
    docker("stop", "-t", "20", kernel.container, timeout=30)
    stopped_in = time.monotonic() - started
    exit_code = docker("inspect", "-f", "{{.State.ExitCode}}", kernel.container).stdout.strip()

    assert stopped_in < 5, f"docker stop took {stopped_in:.1f} s: SIGTERM was ignored"
    assert exit_code == "143"


def test_image_carries_the_lock_hash_label() -> None:
    label = docker("image", "inspect", "-f", '{{index .Config.Labels "io.flowfile.lock-sha256"}}', IMAGE).stdout.strip()

    assert label == hashlib.sha256(LOCK.read_bytes()).hexdigest()


def test_without_a_connection_file_the_container_exits_with_a_clear_message() -> None:
    result = docker("run", "--rm", "--read-only", "--tmpfs", "/tmp", IMAGE, check=False)

    assert result.returncode == 78
    assert "connection file /flowfile/connection.json is missing" in result.stderr

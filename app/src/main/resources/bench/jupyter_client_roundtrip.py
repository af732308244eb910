"""execute_request('1+1') round trips through Python's jupyter_client, for `flowfile bench kernels`.

Usage: python jupyter_client_roundtrip.py CONNECTION_FILE COUNT
Prints one line per execution: milliseconds from sending the request until both the execute_reply
and the iopub 'idle' status for it arrived (what Flowfile's own client waits for, too).
"""
import sys
import time

from jupyter_client import BlockingKernelClient


def main() -> None:
    connection_file, count = sys.argv[1], int(sys.argv[2])
    client = BlockingKernelClient(connection_file=connection_file)
    client.load_connection_file()
    client.start_channels()
    client.wait_for_ready(timeout=30)
    for _ in range(count):
        start = time.perf_counter()
        msg_id = client.execute("1+1")
        replied = idle = False
        while not (replied and idle):
            if not replied:
                reply = client.get_shell_msg(timeout=30)
                replied = reply["parent_header"].get("msg_id") == msg_id
            if not idle:
                message = client.get_iopub_msg(timeout=30)
                idle = (message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "status"
                        and message["content"]["execution_state"] == "idle")
        print(f"{(time.perf_counter() - start) * 1000:.4f}")
    client.stop_channels()


if __name__ == "__main__":
    main()

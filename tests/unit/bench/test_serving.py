"""The loopback server the browser tests and the benchmark use (pillar_bench.visitor.serving)."""

from __future__ import annotations

import socket
import struct
import threading
import time
import urllib.request

from pillar_bench.visitor import serving


def test_it_serves_the_folder_and_a_browser_hanging_up_mid_answer_prints_nothing(tmp_path, capfd):
    (tmp_path / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    (tmp_path / "big.bin").write_bytes(bytes(32 * 1024 * 1024))
    with serving(tmp_path) as url:
        with urllib.request.urlopen(f"{url}/index.html") as answer:
            assert answer.read() == b"<p>hello</p>"
        host, port = url.removeprefix("http://").split(":")
        serving_alone = threading.active_count()
        for _ in range(3):  # asks for a big file and hangs up at once, resetting the connection
            client = socket.create_connection((host, int(port)))
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.sendall(b"GET /big.bin HTTP/1.0\r\n\r\n")
            client.recv(1)
            client.close()
        for _ in range(500):  # until the server's threads for those three are done
            if threading.active_count() <= serving_alone:
                break
            time.sleep(0.01)
        with urllib.request.urlopen(f"{url}/index.html") as answer:  # still serving
            assert answer.read() == b"<p>hello</p>"
    assert "Traceback" not in capfd.readouterr().err

#!/usr/bin/env python3
"""A D-Bus bus that stops answering: forwards the authentication and the first K messages
each client sends (K=1 lets Hello through), then holds everything else. The bus's own
messages still reach the client. Usage: stalling_bus_proxy.py LISTEN_PATH BUS_PATH K
It prints "ready" once listening and ends by itself after 120 s."""
import socket
import struct
import sys
import threading
import time


def message_length(buf):
    # Header: endianness, type, flags, version, body length, serial, header-field length;
    # the fields are padded to 8 bytes, then the body follows.
    if len(buf) < 16:
        return None
    order = "<" if buf[0:1] == b"l" else ">"
    body, = struct.unpack(order + "I", buf[4:8])
    fields, = struct.unpack(order + "I", buf[12:16])
    return 16 + ((fields + 7) & ~7) + body


def client_to_bus(client, bus, forward):
    buf = b""
    while b"BEGIN\r\n" not in buf:  # the authentication exchange, line by line
        data = client.recv(4096)
        if not data:
            return
        buf += data
        cut = buf.find(b"BEGIN\r\n")
        bus.sendall(buf if cut < 0 else buf[: cut + 7])
        if cut < 0:
            buf = b""
    buf = buf[buf.index(b"BEGIN\r\n") + 7 :]
    sent = 0
    while True:
        length = message_length(buf)
        while length is not None and len(buf) >= length:
            if sent < forward:
                bus.sendall(buf[:length])
                sent += 1
            buf = buf[length:]
            length = message_length(buf)
        data = client.recv(65536)
        if not data:
            return
        buf += data


def bus_to_client(bus, client):
    while True:
        data = bus.recv(65536)
        if not data:
            return
        client.sendall(data)


def main():
    listen_path, bus_path, forward = sys.argv[1], sys.argv[2], int(sys.argv[3])
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(listen_path)
    listener.listen(8)
    listener.settimeout(0.5)
    print("ready", flush=True)
    end = time.time() + 120
    while time.time() < end:
        try:
            client, _ = listener.accept()
        except socket.timeout:
            continue
        bus = socket.socket(socket.AF_UNIX)
        bus.connect(bus_path)
        threading.Thread(target=client_to_bus, args=(client, bus, forward), daemon=True).start()
        threading.Thread(target=bus_to_client, args=(bus, client), daemon=True).start()


main()

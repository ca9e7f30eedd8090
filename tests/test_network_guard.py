import socket

import pytest


def test_outside_connections_are_refused() -> None:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(OSError, match="network access refused"):
            s.connect(("93.184.216.34", 80))
    finally:
        s.close()


def test_dns_names_are_refused() -> None:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(OSError, match="network access refused"):
            s.connect(("nominatim.openstreetmap.org", 443))
    finally:
        s.close()

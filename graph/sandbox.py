"""Keep a query worker off the network: a seccomp filter that refuses every new socket but a Unix one.

The engine has an HTTP client (SERVICE, LOAD) and no way to turn it off.
The guard (:mod:`graph.sparql.guard`) refuses every remote call that is not on
the allowlist before the engine sees the query; this filter is the second
wall, for the default set-up (the embedded store, an empty allowlist), where a
worker never needs the network: should a query ever slip past the guard, the
engine's ``socket(AF_INET, …)`` fails with EACCES and nothing leaves the
machine.  Unix sockets keep working (the worker talks to the service over a
socket pair made before the filter), and so does everything else a worker
does.  ``io_uring_setup`` is refused too: io_uring can open sockets without
the ``socket`` system call.

The filter is a classic BPF program handed to the kernel with
``PR_SET_NO_NEW_PRIVS`` and ``seccomp(SECCOMP_SET_MODE_FILTER)`` (all threads
at once), or ``prctl(PR_SET_SECCOMP)`` where that call is missing.  It checks
the architecture first (x86_64 and aarch64 are known; a system call made
under another ABI, such as 32-bit calls from a 64-bit process, is refused).
Elsewhere (another OS or architecture, or a container that forbids seccomp)
:func:`install` says why it could not, and the guard stands alone.
"""
from __future__ import annotations

import ctypes
import errno
import platform
import socket
import struct
import sys
from typing import NamedTuple


class Sandbox(NamedTuple):
    on: bool
    detail: str


class _Arch(NamedTuple):
    audit: int  # AUDIT_ARCH_* as seccomp reports it
    socket: int  # system call numbers
    io_uring_setup: int
    seccomp: int
    x32: bool  # x86_64 also accepts x32 calls (number | 0x40000000): refuse them


_ARCHES = {
    "x86_64": _Arch(0xC000003E, 41, 425, 317, True),
    "aarch64": _Arch(0xC00000B7, 198, 425, 277, False),
}

# Classic BPF, as seccomp runs it over struct seccomp_data {int nr; u32 arch; u64 ip; u64 args[6]}.
_LOAD_WORD = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JUMP_IF_EQUAL = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JUMP_IF_AT_LEAST = 0x35  # BPF_JMP | BPF_JGE | BPF_K
_RETURN = 0x06  # BPF_RET | BPF_K
_ALLOW = 0x7FFF0000  # SECCOMP_RET_ALLOW
_REFUSE = 0x00050000 | errno.EACCES  # SECCOMP_RET_ERRNO: the call fails with EACCES
_NR, _ARCH, _FIRST_ARGUMENT = 0, 4, 16  # offsets in seccomp_data (the argument's low word: little-endian)
_X32_BIT = 0x40000000

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_SECCOMP_SET_MODE_FILTER = 1
_SECCOMP_FILTER_FLAG_TSYNC = 1


def program(arch: _Arch) -> list[tuple[int, int, int, int]]:
    """The filter: (code, jump if true, jump if false, constant) per instruction; a jump skips that many."""
    steps: list[tuple[int, str, str, int]] = [  # jumps named: "next", "allow", "refuse"
        (_LOAD_WORD, "next", "next", _ARCH),
        (_JUMP_IF_EQUAL, "next", "refuse", arch.audit),  # a call under another ABI is refused
        (_LOAD_WORD, "next", "next", _NR),
    ]
    if arch.x32:
        steps.append((_JUMP_IF_AT_LEAST, "refuse", "next", _X32_BIT))
    steps += [
        (_JUMP_IF_EQUAL, "refuse", "next", arch.io_uring_setup),
        (_JUMP_IF_EQUAL, "next", "allow", arch.socket),
        (_LOAD_WORD, "next", "next", _FIRST_ARGUMENT),  # socket(domain, type, protocol)
        (_JUMP_IF_EQUAL, "allow", "refuse", socket.AF_UNIX),
    ]
    targets = {"allow": len(steps), "refuse": len(steps) + 1}

    def jump(here: int, target: str) -> int:
        return 0 if target == "next" else targets[target] - here - 1

    return [(code, jump(here, true), jump(here, false), k) for here, (code, true, false, k) in enumerate(steps)] + [
        (_RETURN, 0, 0, _ALLOW), (_RETURN, 0, 0, _REFUSE)]


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint32)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def install() -> Sandbox:
    """Refuse new sockets other than Unix ones, in this process and every thread it has or will have."""
    machine = platform.machine()
    if not sys.platform.startswith("linux") or machine not in _ARCHES or struct.pack("=H", 1) != b"\x01\x00":
        return Sandbox(False, f"seccomp filters are written for Linux on x86_64 and aarch64, not {sys.platform} {machine}")
    arch = _ARCHES[machine]
    instructions = program(arch)
    filters = (_SockFilter * len(instructions))(*(_SockFilter(*instruction) for instruction in instructions))
    fprog = _SockFprog(len(instructions), filters)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError as error:
        return Sandbox(False, f"the C library cannot be loaded: {error}")
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    libc.syscall.argtypes = [ctypes.c_long, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_void_p]
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return Sandbox(False, f"PR_SET_NO_NEW_PRIVS failed: {errno.errorcode.get(ctypes.get_errno(), '?')}")
    if libc.syscall(arch.seccomp, _SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_TSYNC, ctypes.addressof(fprog)) == 0:
        return Sandbox(True, "new sockets other than Unix sockets are refused (seccomp, every thread)")
    reason = ctypes.get_errno()  # an old kernel without seccomp(2) or its TSYNC flag: the older prctl way
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(fprog), 0, 0) == 0:
        return Sandbox(True, "new sockets other than Unix sockets are refused (seccomp, this thread and its children)")
    refused = errno.errorcode.get(ctypes.get_errno(), "?")
    return Sandbox(False, f"the seccomp filter was refused ({errno.errorcode.get(reason, reason)}, then {refused})")

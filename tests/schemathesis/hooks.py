"""Schemathesis hooks for Weft: the owner's session, signed in once and
refreshed as a client would (access tokens last 15 minutes; each refresh
token is good once). Loaded by tests/schemathesis/run.py through the config's
`hooks` setting; the server and the account come from the environment."""
import atexit
import json
import os
import sys
import threading
import urllib.error
import urllib.request

import schemathesis

# How often Schemathesis asks for the token again; each time the session is
# refreshed, so a five-minute run exercises the refresh path too.
REFRESH_SECONDS = 100


def _post(path, body):
    request = urllib.request.Request(
        os.environ["WEFT_FUZZ_URL"] + path, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


class OwnerSession:
    """The current access and refresh token; one refresh at a time."""

    def __init__(self):
        self.lock = threading.Lock()
        self.refresh_token = None
        self.refreshes = 0
        self.sign_ins = 0

    def access_token(self):
        with self.lock:
            if self.refresh_token:
                status, session = _post("/api/auth/refresh", {"refresh_token": self.refresh_token})
                if status == 200:
                    self.refreshes += 1
                    return self._keep(session)
                print(f"hooks: refresh refused: HTTP {status} {session}", file=sys.stderr)
            # No session yet, or the refresh was refused: sign in again.
            print(f"hooks: signing in (session {id(self):x}, refresh token: {bool(self.refresh_token)})",
                  file=sys.stderr)
            status, session = _post("/api/auth/login", {
                "email": os.environ["WEFT_FUZZ_EMAIL"], "password": os.environ["WEFT_FUZZ_PASSWORD"]})
            if status != 200:
                raise RuntimeError(f"cannot sign in as the fuzzing owner: HTTP {status}")
            self.sign_ins += 1
            return self._keep(session)

    def _keep(self, session):
        self.refresh_token = session.get("refresh_token")
        return session["access_token"]


OWNER = OwnerSession()
FIXTURES = set(json.loads(os.environ.get("WEFT_FUZZ_FIXTURES", "[]")))
atexit.register(lambda: print(f"hooks: signed in {OWNER.sign_ins} time(s), refreshed the session "
                              f"{OWNER.refreshes} time(s)", file=sys.stderr))


@schemathesis.hook
def filter_case(context, case):
    """Everything may be fuzzed except what the rest of the run stands on:
    the fuzzing account's own membership (once another member is made an
    owner, removing or demoting this one is allowed) and the fixtures, which
    must not be deleted or overwritten (Schemathesis learns their ids from
    the lists and would do both within the first minute)."""
    values = set((case.path_parameters or {}).values())
    method = case.method.upper()
    if os.environ["WEFT_FUZZ_USER_ID"] in values and method in ("DELETE", "PATCH"):
        return False
    return not (values & FIXTURES and method in ("DELETE", "PUT"))


@schemathesis.auth(refresh_interval=REFRESH_SECONDS, retry_on=[])
class WeftBearer:
    def get(self, case, context):
        return OWNER.access_token()

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"

from tests.api.conftest import anonymous, api, client, live_server, planner  # noqa: F401 - the fixtures

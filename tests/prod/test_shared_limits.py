"""One allowance per conversation across both Rasa replicas (bot.channels.limits in Redis)."""
import secrets

from tests.prod.client import post_json


def test_a_flood_from_one_conversation_gets_one_allowance_not_two(prod):
    sender = f"flood-{secrets.token_hex(6)}"
    statuses = [post_json(prod.rest_url, {"sender": sender, "message": "hello"}).status
                for _ in range(24)]
    served = {line.split('"')[-2] for line in (prod.log_dir / "nginx-access.log").read_text()
              .splitlines() if "/webhooks/rest/webhook" in line}
    assert len([s for s in served if s and s != "-"]) >= 2       # both replicas took turns
    assert set(statuses) <= {200, 429}
    assert statuses.count(200) <= 9, statuses                    # burst 8 (+1 refilled), once
    assert statuses[-1] == 429

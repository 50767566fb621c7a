"""The speed benchmark (`make bench`): Signpost against a stock `rasa init` bot under the same
closed-loop REST load. run.py orchestrates, load.py is the load client, conversations.py the
texts, reference.py the reference bot, procs.py the /proc readings, report.py the verdicts and
reports, profile.py a py-spy profile under load."""

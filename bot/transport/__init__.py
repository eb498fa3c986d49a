"""Between Slack and the services: the inbox a request is kept in before its ack, the outbox
every message waits in until Slack takes it, and the threads that work through both."""

"""The notifier: the outbox of messages to citizens and the drivers that deliver them.

``outbox`` queues a message in the transaction of the event that asks for it;
``worker.Notifier`` drains the queue through a ``Driver`` per channel (``smtp``,
``sms``, ``folder``) and records what was sent or finally failed on the journey.
"""

"""Forwarding every statement the centre stores to an upstream xAPI store (the city's).

- `upstream`: the operator's settings (address, key, secret; on or off), kept in the database
  so every worker process and every machine of a deployment sees the same.
- `queue`: the durable queue. A statement joins it in the transaction that stores it; a
  forwarder claims rows with a lease, deletes them once the upstream has them, and sets aside
  one the upstream refuses.
- `progress`: how forwarding is going (last success, last problem, shared back-off, stopped).
- `outgoing`: a stored statement as the upstream must receive it.
- `voiding`: deleting a learner drops their statements not yet sent from the queue and
  queues a voiding statement for each one the upstream has (xAPI has no delete).
- `forwarder`: the background thread of each server process that does the sending.
- `report`: the state in words, for `silversteps centre upstream show`.
"""

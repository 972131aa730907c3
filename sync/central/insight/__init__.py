"""Measures for the people who run the network (DESIGN.md, "Insight").

- ``tally``: the pure fold of events into per-journey and per-service rollups;
- ``rollup``: the job that folds new events in, with its cursor over ``server_pos``;
- ``measures``: the aggregation of the rollups into the measures, by day, site,
  agency, service and channel, with small cells suppressed;
- ``tokens``: the dashboard's tokens (and whether one may read comments).
"""

"""Districts learning from each other: the network's members, its resource library with
"copy into my district", comparisons of shared aggregates with small-number suppression, and
Teach to Lead ideas worked into action plans (docs/network.md)."""

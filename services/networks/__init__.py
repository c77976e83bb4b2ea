"""Networks service: thematic networks of partnerships, memberships, mentors, peer learning."""

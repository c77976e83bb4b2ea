"""What services share about each other: each producer's event contracts, and readers of them."""

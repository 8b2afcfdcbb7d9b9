"""The models' own rules (careers/models/), enforced whatever writes the data."""

"""Pages of the competencies app: the dictionary, the position standards, the defaults, the employee section."""

"""Load: read dialogue files, split and safely parse their front matter."""

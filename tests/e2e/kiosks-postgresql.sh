#!/bin/bash
# kiosks.sh with the log in PostgreSQL: two kiosks, each with its own
# folder, one database.
LOG=postgresql . "$(dirname "$0")/kiosks.sh"

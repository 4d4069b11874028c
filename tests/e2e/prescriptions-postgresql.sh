#!/bin/bash
# prescriptions.sh with the log in PostgreSQL: each member's own
# prescription, on a log that several kiosks share.
LOG=postgresql . "$(dirname "$0")/prescriptions.sh"

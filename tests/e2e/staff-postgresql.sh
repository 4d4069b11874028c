#!/bin/bash
# staff.sh with the log in PostgreSQL: the staff screen and commands on
# a log that several kiosks share.
LOG=postgresql . "$(dirname "$0")/staff.sh"

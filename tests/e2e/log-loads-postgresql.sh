#!/bin/bash
# log-loads.sh with the log in PostgreSQL: a session logged away from the
# screen moves the loads of a log that several kiosks share.
LOG=postgresql . "$(dirname "$0")/log-loads.sh"

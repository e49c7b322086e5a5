#!/bin/sh
logger -t ocserv "$USERNAME left"

#!/bin/sh
echo "hello from the Tollgate example artifact, version 1.0"

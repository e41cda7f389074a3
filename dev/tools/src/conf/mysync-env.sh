# Read by bin/mysync: the source tree's ./mysync runs the product commands plus sandbox, demo and bench.
MYSYNC_MAIN_CLASS=io.mysync.dev.DevMain

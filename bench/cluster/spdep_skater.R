# spdep's SKATER on the same joined GeoPackage, timed per stage (bench/cluster/run.sh):
#   Rscript spdep_skater.R IN.gpkg FIELDS NCUTS
# Same recipe as the Columbus/Mexico references: poly2nb(queen) -> nbcosts -> mstree -> skater.
suppressPackageStartupMessages({ library(sf); library(spdep) })
args <- commandArgs(trailingOnly = TRUE)
fields <- strsplit(args[2], ",")[[1]]
ncuts <- as.integer(args[3])
x <- st_read(args[1], quiet = TRUE)
dat <- scale(st_drop_geometry(x)[, fields])
t0 <- Sys.time(); nb <- poly2nb(x, queen = TRUE); t_nb <- as.numeric(Sys.time() - t0, units = "secs")
t0 <- Sys.time()
costs <- nbcosts(nb, dat)
lw <- nb2listw(nb, costs, style = "B")
set.seed(1)
mst <- mstree(lw)
t_mst <- as.numeric(Sys.time() - t0, units = "secs")
t0 <- Sys.time(); sk <- skater(mst[, 1:2], dat, ncuts); t_sk <- as.numeric(Sys.time() - t0, units = "secs")
cat(sprintf("units=%d poly2nb_s=%.2f mst_s=%.2f skater_s=%.2f regions=%d\n", nrow(x), t_nb, t_mst, t_sk, length(unique(sk$groups))))

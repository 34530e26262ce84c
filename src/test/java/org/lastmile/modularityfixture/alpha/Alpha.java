package org.lastmile.modularityfixture.alpha;

/** Test fixture: a module's API. */
public class Alpha {
}

// Package arch holds no code: its tests check the shape of the module
// that the README's package map promises — which package may import
// which, and that each outside SDK has exactly one importer — so the map
// stays true as the code grows.
package arch

"""Spot checks of leaders' personal-matters reports (个人有关事项抽查), known as leads are."""

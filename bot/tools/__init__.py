"""Tools for developers and CI: start the whole system (`run`), strict data validation (`validate`), NLU
evaluation (`evaluate_nlu`), the crisis net and first messages on their held-out sets (`evaluate_crisis`) and the
generated town lookup table of the NLU (`town_lookup`)."""

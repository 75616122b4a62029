"""Pure computational core of Renbang: no Django imports here, arrays and dataclasses in and out."""
